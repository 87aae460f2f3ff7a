function copy:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000BDh
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov ecx,ecx
  0033  mov [rbp-30h],rcx
  003a  mov r15,[r14+8]
  0041  mov r15,[r15]
  0048  mov eax,[rbp-20h]
  004f  mov ecx,[rbp-30h]
  0056  mov r11,[r14+8]
  005d  mov r11,[r11+8]
  0064  sub r11,10h
  006b  jb 00000000000000BBh
  0071  cmp rcx,r11
  0074  ja 00000000000000BBh
  007a  mov rcx,[r15+rcx+8]
  0082  mov r11,[r14+8]
  0089  mov r11,[r11+8]
  0090  sub r11,18h
  0097  jb 00000000000000BBh
  009d  cmp rax,r11
  00a0  ja 00000000000000BBh
  00a6  mov [r15+rax+10h],rcx
  00ae  lea rsp,[rbp-10h]
  00b5  pop r15
  00b7  pop r14
  00b9  pop rbp
  00ba  ret
  00bb  ud2    ; trap: Code(MemoryOutOfBounds)
  00bd  ud2    ; trap: Code(StackOverflow)

function byte:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000008Eh
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov r15,[r14+8]
  0037  mov r15,[r15]
  003e  mov eax,[rbp-20h]
  0045  mov r11,[r14+8]
  004c  mov r11,[r11+8]
  0053  sub r11,1
  005a  jb 000000000000008Ch
  0060  cmp rax,r11
  0063  ja 000000000000008Ch
  0069  movsx eax,byte ptr [r15+rax]
  0072  lea rsp,[rbp-10h]
  0079  pop r15
  007b  pop r14
  007d  pop rbp
  007e  ret
  007f  mov rax,[rsp]
  0087  jmp 0000000000000072h
  008c  ud2    ; trap: Code(MemoryOutOfBounds)
  008e  ud2    ; trap: Code(StackOverflow)

