function load:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000086h
  0026  mov [rbp-20h],rdx
  002d  mov r15,[r14+8]
  0034  mov r15,[r15]
  003b  mov rax,rdx
  003e  mov r11,[r14+8]
  0045  mov r11,[r11+8]
  004c  sub r11,10h
  0053  jb 0000000000000084h
  0059  cmp rax,r11
  005c  ja 0000000000000084h
  0062  mov rax,[r15+rax+8]
  006a  lea rsp,[rbp-10h]
  0071  pop r15
  0073  pop r14
  0075  pop rbp
  0076  ret
  0077  mov rax,[rsp]
  007f  jmp 000000000000006Ah
  0084  ud2    ; trap: Code(MemoryOutOfBounds)
  0086  ud2    ; trap: Code(StackOverflow)
  0088  mov r11,rdx
  008b  mov rdx,[r11]
  0092  jmp 0

function store_far:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000099h
  0026  mov [rbp-20h],rdx
  002d  mov ecx,ecx
  0030  mov [rbp-30h],rcx
  0037  mov r15,[r14+8]
  003e  mov r15,[r15]
  0045  mov rax,rdx
  0048  mov rsi,rcx
  004b  mov r11,[r14+8]
  0052  mov r11,[r11+8]
  0059  mov rdi,100000004h
  0063  sub r11,rdi
  0066  jb 0000000000000097h
  006c  cmp rax,r11
  006f  ja 0000000000000097h
  0075  mov r11,100000000h
  007f  add rax,r11
  0082  mov [r15+rax],esi
  008a  lea rsp,[rbp-10h]
  0091  pop r15
  0093  pop r14
  0095  pop rbp
  0096  ret
  0097  ud2    ; trap: Code(MemoryOutOfBounds)
  0099  ud2    ; trap: Code(StackOverflow)
  009b  mov r11,rdx
  009e  mov rdx,[r11]
  00a5  mov ecx,[r11+10h]
  00ac  jmp 0

function overflow:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000009Ah
  0026  mov [rbp-20h],rdx
  002d  mov r15,[r14+8]
  0034  mov r15,[r15]
  003b  mov rax,rdx
  003e  mov r11,[r14+8]
  0045  mov r11,[r11+8]
  004c  mov rcx,0FFFFFFFFFFFFFFFFh
  0056  sub r11,rcx
  0059  jb 0000000000000098h
  005f  cmp rax,r11
  0062  ja 0000000000000098h
  0068  mov r11,0FFFFFFFFFFFFFFFFh
  0072  add rax,r11
  0075  movzx eax,byte ptr [r15+rax]
  007e  lea rsp,[rbp-10h]
  0085  pop r15
  0087  pop r14
  0089  pop rbp
  008a  ret
  008b  mov rax,[rsp]
  0093  jmp 000000000000007Eh
  0098  ud2    ; trap: Code(MemoryOutOfBounds)
  009a  ud2    ; trap: Code(StackOverflow)
  009c  mov r11,rdx
  009f  mov rdx,[r11]
  00a6  jmp 0

function size:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000071h
  0026  mov [rbp-20h],rdx
  002d  mov r15,[r14+8]
  0034  mov r15,[r15]
  003b  mov rax,[r14+8]
  0042  mov rax,[rax+8]
  004a  shr rax,10h
  004e  mov rcx,rdx
  0051  add rcx,rax
  0054  mov rax,rcx
  0057  lea rsp,[rbp-10h]
  005e  pop r15
  0060  pop r14
  0062  pop rbp
  0063  ret
  0064  mov rax,[rsp]
  006c  jmp 0000000000000057h
  0071  ud2    ; trap: Code(StackOverflow)
  0073  mov r11,rdx
  0076  mov rdx,[r11]
  007d  jmp 0

function indirect:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000118h
  0026  mov [rbp-20h],rdx
  002d  mov r15,[r14+8]
  0034  mov r15,[r15]
  003b  mov [rsp],rdx
  0043  mov rax,[rsp]
  004b  mov r11,[r14+18h]
  0052  mov r11,[r11]
  0059  cmp rax,[r11+8]
  0060  jae 0000000000000112h
  0066  mov r11,[r11]
  006d  mov rax,[r11+rax*8]
  0071  test rax,rax
  0074  je 0000000000000114h
  007a  mov r11,[r14+30h]
  0081  mov r11d,[r11]
  0088  cmp r11d,[rax+10h]
  008f  jne 0000000000000116h
  0095  mov r11,[rax]
  009c  mov r10,[r11+8]
  00a3  test r10,r10
  00a6  je 00000000000000BEh
  00ac  mov rdi,[rax+8]
  00b3  mov rsi,r14
  00b6  call r10
  00b9  jmp 00000000000000E8h
  00be  mov rdi,rax
  00c1  mov rsi,r14
  00c4  lea rdx,[rsp]
  00cc  mov ecx,1
  00d1  call qword ptr [r11]
  00d8  test al,al
  00da  je 000000000000011Ah
  00e0  mov rax,[rsp]
  00e8  mov r15,[r14+8]
  00ef  mov r15,[r15]
  00f6  mov eax,eax
  00f8  lea rsp,[rbp-10h]
  00ff  pop r15
  0101  pop r14
  0103  pop rbp
  0104  ret
  0105  mov rax,[rsp]
  010d  jmp 00000000000000F8h
  0112  ud2    ; trap: Code(UndefinedElement)
  0114  ud2    ; trap: Code(UninitializedElement)
  0116  ud2    ; trap: Code(IndirectCallTypeMismatch)
  0118  ud2    ; trap: Code(StackOverflow)
  011a  ud2    ; trap: Propagate
  011c  mov r11,rdx
  011f  mov rdx,[r11]
  0126  jmp 0

function table:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000A5h
  0026  mov [rbp-20h],rdx
  002d  mov r15,[r14+8]
  0034  mov r15,[r15]
  003b  mov rax,rdx
  003e  mov r11,[r14+18h]
  0045  mov r11,[r11]
  004c  cmp rax,[r11+8]
  0053  jae 00000000000000A3h
  0059  mov r11,[r11]
  0060  mov rax,[r11+rax*8]
  0064  test rax,rax
  0067  sete al
  006b  movzx eax,al
  006f  mov rcx,[r14+18h]
  0076  mov rcx,[rcx]
  007e  mov ecx,[rcx+8]
  0086  add rax,rcx
  0089  lea rsp,[rbp-10h]
  0090  pop r15
  0092  pop r14
  0094  pop rbp
  0095  ret
  0096  mov rax,[rsp]
  009e  jmp 0000000000000089h
  00a3  ud2    ; trap: Code(TableOutOfBounds)
  00a5  ud2    ; trap: Code(StackOverflow)
  00a7  mov r11,rdx
  00aa  mov rdx,[r11]
  00b1  jmp 0

