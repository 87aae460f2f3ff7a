function copy:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000075h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov ecx,ecx
  0033  mov [rbp-30h],rcx
  003a  mov r15,[r14+8]
  0041  mov r15,[r15]
  0048  mov eax,[rbp-20h]
  004f  mov ecx,[rbp-30h]
  0056  mov rcx,[r15+rcx+8]    ; trap: Code(MemoryOutOfBounds)
  005e  mov [r15+rax+10h],rcx    ; trap: Code(MemoryOutOfBounds)
  0066  lea rsp,[rbp-10h]
  006d  pop r15
  006f  pop r14
  0071  pop rbp
  0072  ret
  0073  ud2    ; trap: Code(MemoryOutOfBounds)
  0075  ud2    ; trap: Code(StackOverflow)

function byte:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000006Ah
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov r15,[r14+8]
  0037  mov r15,[r15]
  003e  mov eax,[rbp-20h]
  0045  movsx eax,byte ptr [r15+rax]    ; trap: Code(MemoryOutOfBounds)
  004e  lea rsp,[rbp-10h]
  0055  pop r15
  0057  pop r14
  0059  pop rbp
  005a  ret
  005b  mov rax,[rsp]
  0063  jmp 000000000000004Eh
  0068  ud2    ; trap: Code(MemoryOutOfBounds)
  006a  ud2    ; trap: Code(StackOverflow)

