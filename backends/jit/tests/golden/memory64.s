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
  0093  jmp 0

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
  00a6  mov ecx,[r11+10h]
  00ae  jmp 0

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
  00a7  jmp 0

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
  007e  jmp 0

function indirect:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000111h
  0026  mov [rbp-20h],rdx
  002d  mov r15,[r14+8]
  0034  mov r15,[r15]
  003b  mov [rsp],rdx
  0043  mov rax,[rsp]
  004b  mov r11,[r14+60h]
  0052  cmp rax,[r11+8]
  0059  jae 000000000000010Bh
  005f  mov r11,[r11]
  0066  mov rax,[r11+rax*8]
  006a  test rax,rax
  006d  je 000000000000010Dh
  0073  mov r11,[r14+30h]
  007a  mov r11d,[r11]
  0081  cmp r11d,[rax+10h]
  0088  jne 000000000000010Fh
  008e  mov r11,[rax]
  0095  mov r10,[r11+8]
  009c  test r10,r10
  009f  je 00000000000000B7h
  00a5  mov rdi,[rax+8]
  00ac  mov rsi,r14
  00af  call r10
  00b2  jmp 00000000000000E1h
  00b7  mov rdi,rax
  00ba  mov rsi,r14
  00bd  lea rdx,[rsp]
  00c5  mov ecx,1
  00ca  call qword ptr [r11]
  00d1  test al,al
  00d3  je 0000000000000113h
  00d9  mov rax,[rsp]
  00e1  mov r15,[r14+8]
  00e8  mov r15,[r15]
  00ef  mov eax,eax
  00f1  lea rsp,[rbp-10h]
  00f8  pop r15
  00fa  pop r14
  00fc  pop rbp
  00fd  ret
  00fe  mov rax,[rsp]
  0106  jmp 00000000000000F1h
  010b  ud2    ; trap: Code(UndefinedElement)
  010d  ud2    ; trap: Code(UninitializedElement)
  010f  ud2    ; trap: Code(IndirectCallTypeMismatch)
  0111  ud2    ; trap: Code(StackOverflow)
  0113  ud2    ; trap: Propagate
  0115  mov r11,rdx
  0118  mov rdx,[r11]
  0120  jmp 0

function table:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000009Eh
  0026  mov [rbp-20h],rdx
  002d  mov r15,[r14+8]
  0034  mov r15,[r15]
  003b  mov rax,rdx
  003e  mov r11,[r14+60h]
  0045  cmp rax,[r11+8]
  004c  jae 000000000000009Ch
  0052  mov r11,[r11]
  0059  mov rax,[r11+rax*8]
  005d  test rax,rax
  0060  sete al
  0064  movzx eax,al
  0068  mov rcx,[r14+18h]
  006f  mov rcx,[rcx]
  0077  mov ecx,[rcx+8]
  007f  add rax,rcx
  0082  lea rsp,[rbp-10h]
  0089  pop r15
  008b  pop r14
  008d  pop rbp
  008e  ret
  008f  mov rax,[rsp]
  0097  jmp 0000000000000082h
  009c  ud2    ; trap: Code(TableOutOfBounds)
  009e  ud2    ; trap: Code(StackOverflow)
  00a0  mov r11,rdx
  00a3  mov rdx,[r11]
  00ab  jmp 0

